# case: a sign-extending load (BPF_MEMSX) of a context field that holds a number (xdp_md->ingress_ifindex) is allowed
# type: xdp
# kernel: accept
# expect: pass
        .section xdp,"ax"
prog:
        r2 = *(s32 *)(r1 + 12)
        r0 = 2
        exit

        .section license,"aw"
        .asciz  "GPL"
