# case: without CAP_PERFMON negating a pointer would leak it (check_alu_op: R1 pointer arithmetic prohibited)
# type: socket_filter
# args: --unprivileged
# kernel: reject
# expect: pointer.arithmetic @ insn 0
        .section socket,"ax"
prog:
        r1 = -r1
        r0 = 0
        exit

        .section license,"aw"
        .asciz  "GPL"
