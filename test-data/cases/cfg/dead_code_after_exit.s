# case: instructions left after the final exit (a debugging leftover) are unreachable
# kernel: reject
# expect: cfg.unreachable @ insn 2
        .section xdp,"ax"
prog:
        r0 = 2
        exit
        r0 = 1                  # never reached
        exit

        .section license,"aw"
        .asciz  "GPL"
