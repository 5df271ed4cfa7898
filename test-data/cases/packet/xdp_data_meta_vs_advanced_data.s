# case: the metadata area is bounded only by a comparison with the packet's start itself (reg_is_init_pkt_pointer: offset 0, no variable part); `meta + 8 > data + 8` proves nothing, so reading the metadata is refused
# type: xdp
# expect: packet.bounds @ insn 7
# kernel: reject
        .section xdp,"ax"
        r2 = *(u32 *)(r1 + 8)           # data_meta
        r3 = *(u32 *)(r1 + 0)           # data
        r0 = r3
        r0 += 8
        r4 = r2
        r4 += 8
        if r4 > r0 goto out
        r0 = *(u8 *)(r2 + 0)
out:
        r0 = 2
        exit

        .section license,"aw"
        .asciz "GPL"
