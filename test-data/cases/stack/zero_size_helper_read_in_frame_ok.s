# case: a zero-byte helper read at r10-16 plus 0..15 stays below the frame's top
# type: socket_filter
# expect: pass
# kernel: accept
        .section socket,"ax"
        r0 = 0
        *(u64 *)(r10 - 16) = r0
        *(u64 *)(r10 - 8) = r0
        r1 = *(u32 *)(r1 + 0)
        r1 &= 15
        r1 += -16
        r1 += r10
        r2 = 0
        r3 = 0
        call 113
        r0 = 0
        exit

        .section license,"aw"
        .asciz "GPL"
