# case: a program whose only instruction is exit: R0 (the return value) is never set
# kernel: reject
# expect: exit.r0_uninit @ insn 0
        .section xdp,"ax"
prog:
        exit

        .section license,"aw"
        .asciz  "GPL"
