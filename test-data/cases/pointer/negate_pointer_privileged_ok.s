# case: with CAP_PERFMON negating a pointer is allowed and gives an unknown number (check_alu_op: BPF_NEG marks the register unknown where pointers may leak)
# type: socket_filter
# kernel: accept
# expect: pass
        .section socket,"ax"
prog:
        r1 = -r1
        r0 = 0
        exit

        .section license,"aw"
        .asciz  "GPL"
