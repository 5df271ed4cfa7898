# case: without CAP_PERFMON comparing two pointers (the frame pointer with the context) could leak their order: the kernel refuses it ("R10 pointer comparison prohibited"); NULL checks and packet bounds stay allowed
# type: socket_filter
# args: --unprivileged
# kernel: reject
# expect: pointer.leak @ insn 0
        .section socket,"ax"
prog:
        if r1 > r10 goto out
        r0 = 0
        exit
out:
        r0 = 1
        exit

        .section license,"aw"
        .asciz  "GPL"
