# case: a register holding 2^30 - 2 added to the frame pointer
# type: socket_filter
# kernel: reject
        .section socket,"ax"
        r3 = 1073741822
        r2 = r10
        r2 += r3
        r0 = 0
        exit

        .section license,"aw"
        .asciz "GPL"
