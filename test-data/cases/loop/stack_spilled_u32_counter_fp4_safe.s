# case: a 32-bit counter spilled to a 4-byte stack slot (fp-4, the upper half of an 8-byte slot) and filled with a 4-byte load on every iteration
# kernel: reject
# kernel-differs: the kernel is imprecise: it keeps a spilled scalar narrower than 8 bytes only at the start of an 8-byte slot, so the 4-byte spill at fp-4 becomes STACK_MISC, the filled counter is unknown on every iteration and the verifier walks the loop until "BPF program is too large" (1,000,001 insns); the counter is bounded (16 iterations)
# expect: pass
        .section xdp,"ax"
        .globl  prog
        .type   prog,@function
prog:
        r0 = 0
        w1 = 0
        *(u32 *)(r10 - 4) = w1
loop:
        w1 = *(u32 *)(r10 - 4)
        r0 += r1
        w1 += 1
        *(u32 *)(r10 - 4) = w1
        w2 = *(u32 *)(r10 - 4)
        if w2 < 16 goto loop
        r0 = 2
        exit
        .size   prog, .-prog

        .section license,"aw"
        .asciz  "GPL"
