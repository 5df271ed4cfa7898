# case: a branch that can never be taken for the values involved is still a CFG edge, so its target is reachable
# kernel: accept
# expect: pass
        .section xdp,"ax"
prog:
        r0 = 2
        if r0 == 1 goto other   # never true, but an edge
        exit
other:
        r0 = 1
        exit

        .section license,"aw"
        .asciz  "GPL"
