# case: step_two_counter_even_bound with the test r3 < 1481: the counter reaches 1480 and the last write is past the value; the kernel refuses it (off=1480 size=2)
# kernel: reject
# expect: map.bounds @ insn 6
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
        if r3 < 1481 goto loop
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
