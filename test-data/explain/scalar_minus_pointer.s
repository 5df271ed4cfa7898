# case: a number minus the frame pointer: subtracting a pointer from a scalar
# type: socket_filter
# kernel: reject
        .section socket,"ax"
        r0 = 0
        r0 -= r10
        r0 = 0
        exit

        .section license,"aw"
        .asciz "GPL"
