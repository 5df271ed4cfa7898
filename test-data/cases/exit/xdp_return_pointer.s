# case: an XDP program returns its context pointer as the action; privileged programs may return any value
# kernel: accept
# expect: pass
        .section xdp,"ax"
prog:
        r0 = r1
        exit

        .section license,"aw"
        .asciz  "GPL"
