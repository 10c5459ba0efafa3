// @ovhcloud/node-ovh ships no types.
declare module "@ovhcloud/node-ovh";
