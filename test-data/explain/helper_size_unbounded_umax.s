# case: bpf_skb_load_bytes with a length bounded below (len | 1) but not above
# type: socket_filter
# kernel: reject
        .section socket,"ax"
        r4 = *(u32 *)(r1 + 0)
        r4 |= 1
        r3 = r10
        r3 += -16
        r2 = 0
        call 26
        r0 = 0
        exit

        .section license,"aw"
        .asciz "GPL"
