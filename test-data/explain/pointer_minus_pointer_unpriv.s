# case: an unprivileged program subtracts the context pointer from the frame pointer
# type: socket_filter
# args: --unprivileged
# kernel: reject
        .section socket,"ax"
        r2 = r10
        r2 -= r1
        r0 = 0
        exit

        .section license,"aw"
        .asciz "GPL"
