# case: a loop over 2-byte cells of a 1480-byte value whose offset counts up by 2 from 0 with the test r3 < 1480 after the step (for (i = 0; i < 1480; i += 2), too long to walk): the test leaves r3 <= 1479, and the counter's steps from 0 keep it even, so r3 <= 1478 at the write, as in the kernel's walk with constants
# kernel: accept
# expect: pass
        .section "kprobe/do_nothing","ax"
        .globl  prog
        .type   prog,@function
prog:
        r6 = buf ll
        r3 = 0
loop:
        r1 = r6
        r1 += r3
        r2 = 7
        *(u16 *)(r1 + 0) = r2
        r3 += 2
        if r3 < 1480 goto loop
        r0 = 0
        exit
        .size   prog, .-prog
        .section .bss,"aw",@nobits
        .globl  buf
        .p2align 3
buf:
        .zero 1480
        .section license,"aw"
        .ascii  "GPL\0"
