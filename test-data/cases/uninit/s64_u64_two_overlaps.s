# case: as dead_by_s64_u64_one_overlap_ok, but `r0 <= 0xffffffffffffff80` keeps -128 too: the unsigned range meets both ends of the signed one, nothing can be deduced (one range per domain), and r0 = -128 reaches the read of the never-written r9
# type: socket_filter
# kernel: reject
# expect: uninit.register @ insn 6
        .section socket,"ax"
prog:
        call 7
        r0 = (s8)r0
        r1 = 0xffffffffffffff80 ll
        if r0 > r1 goto out
        if r0 < 128 goto out
        r0 = r9
out:
        r0 = 0
        exit

        .section license,"aw"
        .asciz  "GPL"
