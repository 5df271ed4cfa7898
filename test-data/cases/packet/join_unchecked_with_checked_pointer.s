# case: a packet pointer proven nothing (range 0) on one path joins one proven 30 bytes on the other: the join must not rebase "nothing proven" into a claim, or the read after the join passes on the path that never checked the packet (found by the soundness oracle)
# expect: packet.bounds @ insn 11
# kernel: reject
        .section xdp,"ax"
        r2 = *(u32 *)(r1 + 0)
        r3 = *(u32 *)(r1 + 4)
        r6 = *(u32 *)(r1 + 12)
        if r6 > 7 goto checked
        r6 += 4
        r4 = r2
        r4 += r6
        goto join
checked:
        r4 = r2
        r4 += 30
        if r4 > r3 goto out
join:
        r0 = *(u32 *)(r4 - 4)
out:
        r0 = 0
        exit

        .section license,"aw"
        .asciz "GPL"
