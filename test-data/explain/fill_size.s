# case: a stack slot holding a spilled pointer (the context) is read back as one byte: a spilled pointer can only be filled whole
# type: socket_filter
# kernel: reject
        .section socket,"ax"
        *(u64 *)(r10 - 8) = r1
        r0 = *(u8 *)(r10 - 8)
        r0 = 0
        exit

        .section license,"aw"
        .asciz "GPL"
