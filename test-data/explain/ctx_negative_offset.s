# case: the context pointer moved back by 8 bytes and then read
# type: socket_filter
# kernel: reject
        .section socket,"ax"
        r1 += -8
        r0 = *(u32 *)(r1 + 0)
        r0 = 0
        exit

        .section license,"aw"
        .asciz "GPL"
