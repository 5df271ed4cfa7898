# case: a 2-byte read of bpf_sock at dst_port + 2, the padding after the __be16 dst_port: no field is there ("invalid sock access")
# kernel: reject
# expect: mem.sock_field @ insn 8
        .section cgroup_skb/ingress,"ax"
        .globl prog
        .type prog,@function
prog:
        r1 = *(u64 *)(r1 + 168)         # skb->sk
        if r1 != 0 goto have_sk
        r0 = 1
        exit
have_sk:
        call 95                         # bpf_sk_fullsock
        if r0 != 0 goto full
        r0 = 1
        exit
full:
        r0 = *(u16 *)(r0 + 50)
        r0 = 1
        exit
        .size prog, .-prog

        .section license,"aw"
        .asciz "GPL"
