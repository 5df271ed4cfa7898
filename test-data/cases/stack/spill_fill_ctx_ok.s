# case: the context pointer is spilled around a helper call (which clobbers r1-r5) and filled back to read a field
# type: xdp
# expect: pass
# kernel: accept
        .section xdp,"ax"
        *(u64 *)(r10 - 8) = r1
        call 7                          # bpf_get_prandom_u32
        r1 = *(u64 *)(r10 - 8)
        r0 = *(u32 *)(r1 + 12)          # ingress_ifindex
        r0 &= 1
        r0 += 1
        exit

        .section license,"aw"
        .asciz "GPL"
