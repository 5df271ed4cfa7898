# case: a loop over 2-byte cells of a 1480-byte value whose offset r3 counts up by 2 and whose exit test compares a zero-extended copy of it minus 2 (w4 = w3; w4 += -2; if w4 < 1477, clang's -mcpu=v3 code for a 32-bit int counter); past the walk the copy's bound bounds the offset (r3 <= 1478), as the kernel's walk with constants does
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
        w4 = w3
        w4 += -2
        if w4 < 1477 goto loop
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
