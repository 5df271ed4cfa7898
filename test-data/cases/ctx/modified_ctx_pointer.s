# case: the context pointer is advanced by a constant (r1 += 12) and then dereferenced at offset 0; context accesses must go through the unmodified pointer
# type: xdp
# expect: ctx.variable_offset @ insn 1
# kernel: reject
# xfail: bpfcheck accepts the load as ingress_ifindex: access_context() adds the pointer's constant offset to the instruction offset, but the kernel rejects any dereference of a ctx pointer with off != 0 ("dereference of modified ctx ptr R1 off=12 disallowed"); ctx.variable_offset is the closest check id
        .section xdp,"ax"
        r1 += 12
        r0 = *(u32 *)(r1 + 0)
        r0 &= 1
        r0 += 1
        exit

        .section license,"aw"
        .asciz "GPL"
