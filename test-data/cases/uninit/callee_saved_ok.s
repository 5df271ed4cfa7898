# case: the context kept in callee-saved r6 survives a helper call
# type: xdp
# expect: pass
# kernel: accept
        .section xdp,"ax"
        r6 = r1
        call 7                          # bpf_get_prandom_u32
        r0 = *(u32 *)(r6 + 12)          # ingress_ifindex
        r0 &= 1
        r0 += 1
        exit

        .section license,"aw"
        .asciz "GPL"
