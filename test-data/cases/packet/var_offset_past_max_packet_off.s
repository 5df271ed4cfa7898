# case: a packet pointer whose variable offset may reach 0xffff, checked 4 bytes past it against data_end: as the kernel's find_good_pkt_pointers, no range is proven when that end may exceed MAX_PACKET_OFF (0xffff), so the read is refused (found by the generator's kernel differential)
# expect: packet.bounds @ insn 11
# kernel: reject
        .section xdp,"ax"
        r2 = *(u32 *)(r1 + 0)
        r3 = *(u32 *)(r1 + 4)
        r4 = r2
        r4 += 8
        if r4 > r3 goto out
        r5 = *(u16 *)(r2 + 6)
        r4 = r2
        r4 += r5
        r9 = r4
        r9 += 4
        if r9 > r3 goto out
        r0 = *(u32 *)(r4 + 0)
out:
        r0 = 0
        exit

        .section license,"aw"
        .asciz "GPL"
