# case: the counter lives in an 8-byte stack slot (fp-8): filled, incremented and spilled on every iteration
# kernel: accept
# expect: pass
        .section xdp,"ax"
        .globl  prog
        .type   prog,@function
prog:
        r0 = 0
        r1 = 0
        *(u64 *)(r10 - 8) = r1
loop:
        r1 = *(u64 *)(r10 - 8)
        r0 += r1
        r1 += 1
        *(u64 *)(r10 - 8) = r1
        r2 = *(u64 *)(r10 - 8)
        if r2 < 32 goto loop
        r0 = 2
        exit
        .size   prog, .-prog

        .section license,"aw"
        .asciz  "GPL"
