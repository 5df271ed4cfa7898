# case: a 32-bit counter spilled to a 4-byte stack slot (fp-8, the start of an 8-byte slot) and filled with a 4-byte load on every iteration
# kernel: accept
# expect: pass
        .section xdp,"ax"
        .globl  prog
        .type   prog,@function
prog:
        r0 = 0
        w1 = 0
        *(u32 *)(r10 - 8) = w1
loop:
        w1 = *(u32 *)(r10 - 8)
        r0 += r1
        w1 += 1
        *(u32 *)(r10 - 8) = w1
        w2 = *(u32 *)(r10 - 8)
        if w2 < 16 goto loop
        r0 = 2
        exit
        .size   prog, .-prog

        .section license,"aw"
        .asciz  "GPL"
