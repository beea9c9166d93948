package com.mallsync.stack;

import java.util.ArrayList;
import java.util.List;

/**
 * The configuration each component gets from the stack: only contract keys (ARCHITECTURE.md, "Configuration keys",
 * and the sandboxes' command-line contract), so a service that honours its contract runs here unchanged.
 */
final class ComponentArgs {

    private ComponentArgs() {
    }

    static List<String> of(Component component, StackPorts ports, String bootstrapServers) {
        List<String> args = new ArrayList<>();
        String crm = "http://127.0.0.1:" + ports.crmSandbox();
        String erp = "http://127.0.0.1:" + ports.erpSandbox();
        switch (component) {
            case KAFKA -> throw new IllegalArgumentException("the broker is configured by KafkaBroker");
            case CRM_SANDBOX -> {
                args.add("--bind=127.0.0.1");
                args.add("--port=" + ports.crmSandbox());
                args.add("--app-id=" + DemoMall.CRM_APP_ID);
                args.add("--token=" + DemoMall.CRM_TOKEN);
            }
            case ERP_SANDBOX -> {
                args.add("--bind=127.0.0.1");
                args.add("--port=" + ports.erpSandbox());
                args.add("--platform-id=" + DemoMall.ERP_PLATFORM_ID);
                args.add("--user-access-token=" + DemoMall.ERP_USER_ACCESS_TOKEN);
            }
            case INGEST -> {
                spring(args, ports.ingest(), bootstrapServers);
                args.add("--ingest.signature.scheme=sorted-md5");
                for (DemoMall mall : DemoMall.ALL) {
                    args.add("--ingest.malls." + mall.mallId() + ".app-key=" + mall.appKey());
                    args.add("--ingest.malls." + mall.mallId() + ".secret=" + mall.secret());
                }
            }
            case MEMBER_SYNC -> {
                spring(args, ports.memberSync(), bootstrapServers);
                args.add("--member-sync.crm.base-url=" + crm);
                args.add("--member-sync.crm.app-id=" + DemoMall.CRM_APP_ID);
                args.add("--member-sync.crm.token=" + DemoMall.CRM_TOKEN);
                for (DemoMall mall : DemoMall.ALL) {
                    args.add("--member-sync.shops." + mall.mallId() + ".shop-code=" + mall.shopCode());
                    // the seed's 2030 example uses 1; 10/11/12 are Taobao/JD/PDD, which this mall is not
                    args.add("--member-sync.shops." + mall.mallId() + ".data-origin=1");
                }
            }
            case ERP_SYNC -> {
                spring(args, ports.erpSync(), bootstrapServers);
                args.add("--erp-sync.erp.base-url=" + erp);
                args.add("--erp-sync.erp.platform-id=" + DemoMall.ERP_PLATFORM_ID);
                args.add("--erp-sync.erp.user-access-token=" + DemoMall.ERP_USER_ACCESS_TOKEN);
                for (DemoMall mall : DemoMall.ALL) {
                    args.add("--erp-sync.malls." + mall.mallId() + ".uid=" + mall.erpUid());
                }
            }
            case OPS_CONSOLE -> {
                spring(args, ports.opsConsole(), bootstrapServers);
                args.add("--ops.services.ingest.url=http://127.0.0.1:" + ports.ingest());
                args.add("--ops.services.member-sync.url=http://127.0.0.1:" + ports.memberSync());
                args.add("--ops.services.erp-sync.url=http://127.0.0.1:" + ports.erpSync());
                args.add("--ops.security.users." + ConsoleUsers.VIEWER + ".password={noop}" + ConsoleUsers.VIEWER_PASSWORD);
                args.add("--ops.security.users." + ConsoleUsers.VIEWER + ".roles=VIEWER");
                args.add("--ops.security.users." + ConsoleUsers.OPERATOR + ".password={noop}"
                        + ConsoleUsers.OPERATOR_PASSWORD);
                args.add("--ops.security.users." + ConsoleUsers.OPERATOR + ".roles=OPERATOR");
            }
        }
        return args;
    }

    /**
     * {@code command} with each {@code --key=value} of {@code args} put in place of the argument with the same key,
     * or appended when there is none. A plain append is not enough: Spring joins the values of a repeated
     * command-line key with commas ({@code --server.port=8081,8093}) instead of taking the last.
     */
    static List<String> replacing(List<String> command, List<String> args) {
        List<String> out = new ArrayList<>(command);
        for (String arg : args) {
            String key = key(arg);
            int at = -1;
            for (int i = 0; i < out.size(); i++) {
                if (key != null && key.equals(key(out.get(i)))) {
                    at = i;
                    break;
                }
            }
            if (at >= 0) {
                out.set(at, arg);
            } else {
                out.add(arg);
            }
        }
        return out;
    }

    /** The {@code --key} of a {@code --key=value} argument, or {@code null}. */
    private static String key(String arg) {
        int eq = arg.indexOf('=');
        return arg.startsWith("--") && eq > 2 ? arg.substring(0, eq) : null;
    }

    private static void spring(List<String> args, int port, String bootstrapServers) {
        args.add("--server.port=" + port);
        args.add("--server.address=127.0.0.1"); // this machine only: the stack is a demo
        args.add("--spring.kafka.bootstrap-servers=" + bootstrapServers);
    }
}
