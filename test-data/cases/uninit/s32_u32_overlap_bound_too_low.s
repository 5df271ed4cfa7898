# case: as dead_by_s32_u32_one_overlap_ok, but the last test is `w0 <= 4`: w0 = 5 falls through to the read of the never-written r9
# type: socket_filter
# kernel: reject
# expect: uninit.register @ insn 6
        .section socket,"ax"
prog:
        call 7
        w0 &= 0xffffffff
        if w0 > 0x80000003 goto out
        if w0 s< -3 goto out
        if w0 s> 5 goto out
        if w0 <= 4 goto out
        r0 = r9
out:
        r0 = 0
        exit

        .section license,"aw"
        .asciz  "GPL"
