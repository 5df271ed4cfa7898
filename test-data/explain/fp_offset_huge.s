# case: the frame pointer moved by 2^29 - 1 twice: a pointer whose constant offset reaches 2^29 is refused outright
# type: socket_filter
# kernel: reject
        .section socket,"ax"
        r2 = r10
        r2 += 536870911
        r2 += 536870911
        r0 = 0
        exit

        .section license,"aw"
        .asciz "GPL"
