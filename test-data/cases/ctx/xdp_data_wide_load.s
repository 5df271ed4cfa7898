# case: 8-byte load of xdp_md->data (a 4-byte field that yields a packet pointer); pointer fields must be loaded with their exact size
# type: xdp
# expect: ctx.bad_access @ insn 0
# kernel: reject
        .section xdp,"ax"
        r2 = *(u64 *)(r1 + 0)
        r0 = 2
        exit

        .section license,"aw"
        .asciz "GPL"
