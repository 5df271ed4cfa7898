# case: without CAP_PERFMON, sign-extending part of the frame pointer (`r0 = (s8)r10`) would leak it: R10 sign-extension part of pointer
# type: socket_filter
# args: --unprivileged
# kernel: reject
# expect: pointer.leak @ insn 0
        .section socket,"ax"
prog:
        r0 = (s8)r10
        r0 &= 1
        exit

        .section license,"aw"
        .asciz  "GPL"
