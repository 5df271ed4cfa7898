# case: adding two pointers (`r2 += r3`, stack + stack) is refused even for a privileged loader: of the operations on two pointers only subtraction is allowed
# kernel: reject
# expect: pointer.arithmetic @ insn 3
        .section socket,"ax"
prog:
        r2 = r10
        r3 = r10
        r3 += -8
        r2 += r3
        r0 = 0
        exit

        .section license,"aw"
        .asciz  "GPL"
