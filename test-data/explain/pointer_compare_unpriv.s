# case: an unprivileged program compares the context pointer with the frame pointer
# type: socket_filter
# args: --unprivileged
# kernel: reject
        .section socket,"ax"
        r0 = 0
        if r1 > r10 goto +1
        r0 = 1
        exit

        .section license,"aw"
        .asciz "GPL"
