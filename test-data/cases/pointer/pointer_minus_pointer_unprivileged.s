# case: without CAP_PERFMON the difference of two stack pointers would leak an address: the kernel refuses pointer -= pointer
# type: socket_filter
# args: --unprivileged
# kernel: reject
# expect: pointer.arithmetic @ insn 3
        .section socket,"ax"
prog:
        r2 = r10
        r3 = r10
        r3 += -8
        r2 -= r3
        r0 = 0
        exit

        .section license,"aw"
        .asciz  "GPL"
