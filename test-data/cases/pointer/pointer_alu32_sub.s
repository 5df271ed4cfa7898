# case: 32-bit subtraction from a packet pointer (`w2 -= 14`) gives a meaningless scalar for a privileged loader (adjust_ptr_min_max_vals allows BPF_SUB in ALU32 where pointers may leak; any other 32-bit op on a pointer is refused)
# kernel: accept
# expect: pass
        .section xdp,"ax"
prog:
        r2 = *(u32 *)(r1 + 0)   # data
        w2 -= 14                # a scalar from here
        r0 = 2
        if w2 != 7 goto out
        r0 = 1
out:
        exit

        .section license,"aw"
        .asciz  "GPL"
