# case: sign-extending the low byte of the frame pointer (`r0 = (s8)r10`) gives an unknown scalar for a privileged loader (check_alu_op refuses it only where pointers must not leak)
# kernel: accept
# expect: pass
        .section socket,"ax"
prog:
        r0 = (s8)r10
        r0 &= 1
        exit

        .section license,"aw"
        .asciz  "GPL"
