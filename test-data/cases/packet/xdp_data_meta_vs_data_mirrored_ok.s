# case: `data >= meta + 8`, the packet's start on the left, bounds the metadata area as `meta + 8 <= data` does: 8 bytes of metadata are readable
# type: xdp
# expect: pass
# kernel: accept
        .section xdp,"ax"
        r2 = *(u32 *)(r1 + 8)           # data_meta
        r3 = *(u32 *)(r1 + 0)           # data
        r4 = r2
        r4 += 8
        if r3 < r4 goto out
        r0 = *(u64 *)(r2 + 0)
        r0 &= 1
        r0 += 1
        exit
out:
        r0 = 2
        exit

        .section license,"aw"
        .asciz "GPL"
