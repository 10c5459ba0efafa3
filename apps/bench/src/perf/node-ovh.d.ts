// @ovhcloud/node-ovh ships no types; the load client declares the little it uses.
declare module "@ovhcloud/node-ovh";
