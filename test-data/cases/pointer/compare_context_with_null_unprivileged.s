# case: without CAP_PERFMON even comparing the context pointer with 0 is refused: the kernel decides comparisons with 0 only for pointers it knows are not NULL (reg_not_null: map values, sockets, memory), and the context is not one of them (R1 pointer comparison prohibited)
# type: socket_filter
# args: --unprivileged
# kernel: reject
# expect: pointer.leak @ insn 0
        .section socket,"ax"
prog:
        if r1 == 0 goto out
out:
        r0 = 0
        exit

        .section license,"aw"
        .asciz  "GPL"
