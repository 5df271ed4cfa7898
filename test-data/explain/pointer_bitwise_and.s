# case: the frame pointer's copy is masked with &=, a bitwise operation on a pointer
# type: socket_filter
# kernel: reject
        .section socket,"ax"
        r2 = r10
        r2 &= 7
        r0 = 0
        exit

        .section license,"aw"
        .asciz "GPL"
