# case: a zero-byte helper read still needs its stack pointer inside the frame: r10-16 plus 0..63 may point past r10
# type: socket_filter
# expect: stack.out_of_bounds @ insn 9
# kernel: reject
        .section socket,"ax"
        r0 = 0
        *(u64 *)(r10 - 16) = r0
        *(u64 *)(r10 - 8) = r0
        r1 = *(u32 *)(r1 + 0)
        r1 &= 63
        r1 += -16
        r1 += r10
        r2 = 0
        r3 = 0
        call 113
        exit

        .section license,"aw"
        .asciz "GPL"
