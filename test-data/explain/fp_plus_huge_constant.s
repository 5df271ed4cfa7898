# case: a constant of 2^31 - 1 added to the frame pointer
# type: socket_filter
# kernel: reject
        .section socket,"ax"
        r2 = r10
        r2 += 2147483647
        r0 = 0
        exit

        .section license,"aw"
        .asciz "GPL"
