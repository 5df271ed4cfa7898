# case: an unprivileged program passes a stack buffer never written to bpf_xdp_store_bytes, which reads it
# type: xdp
# args: --unprivileged
# kernel: reject
        .section xdp,"ax"
        r3 = r10
        r3 += -8
        r2 = 0
        r4 = 8
        call 190
        r0 = 0
        exit

        .section license,"aw"
        .asciz "GPL"
