# case: the context pointer added to a copy of the frame pointer
# type: socket_filter
# kernel: reject
        .section socket,"ax"
        r0 = r10
        r0 += r1
        r0 = 0
        exit

        .section license,"aw"
        .asciz "GPL"
