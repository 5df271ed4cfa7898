# case: a call to helper id 999, which no kernel defines (e.g. a helper number from a newer header)
# kernel: reject
# expect: helper.unknown @ insn 0
        .section xdp,"ax"
prog:
        call 999
        r0 = 2
        exit

        .section license,"aw"
        .asciz  "GPL"
