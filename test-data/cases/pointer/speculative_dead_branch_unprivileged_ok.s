# case: the same program for the running kernel (6.17 or later): the fault on the speculative path of the decided jump gets a speculation barrier, not a refusal
# type: socket_filter
# args: --unprivileged
# kernel: accept
# expect: pass
        .section socket,"ax"
prog:
        w7 = 0
        w7 &= 1
        w0 = w7
        if r0 == 0 goto out
        r0 = *(u64 *)(r7 + 0)
out:
        exit

        .section license,"aw"
        .asciz  "GPL"
