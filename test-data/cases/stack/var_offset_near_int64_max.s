# case: a stack pointer whose variable offset reaches near INT64_MAX, read past it: the access end must not wrap around to a negative offset and pass the frame check (found by the soundness oracle and UBSan)
# expect: stack.out_of_bounds @ insn 9
# kernel: reject
        .section xdp,"ax"
        r2 = *(u32 *)(r1 + 12)
        r3 = *(u32 *)(r1 + 16)
        r2 <<= 32
        r2 |= r3
        r2 >>= 1
        r2 &= -256
        r2 -= 512
        r1 = r10
        r1 += r2
        r0 = *(u64 *)(r1 + 256)
        r0 = 0
        exit

        .section license,"aw"
        .asciz "GPL"
