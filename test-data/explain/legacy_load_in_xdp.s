# case: a legacy packet load (BPF_LD_ABS) in an XDP program, which only socket filters and tc may use
# type: xdp
# kernel: reject
        .section xdp,"ax"
        r6 = r1
        r0 = *(u8 *)skb[12]
        r0 = 2
        exit

        .section license,"aw"
        .asciz "GPL"
