# case: without CAP_PERFMON a socket filter may not return a pointer (the frame pointer) as its result
# type: socket_filter
# args: --unprivileged
# kernel: reject
# expect: pointer.leak @ insn 1
        .section socket,"ax"
prog:
        r0 = r10
        exit

        .section license,"aw"
        .asciz  "GPL"
