# case: 2-byte load of __sk_buff->data: narrow loads are not allowed for the packet pointer fields
# type: sched_cls
# expect: ctx.bad_access @ insn 0
# kernel: reject
        .section tc,"ax"
        r2 = *(u16 *)(r1 + 76)
        r0 = 0
        exit

        .section license,"aw"
        .asciz "GPL"
