// Shared Jest setup: ts-jest in ESM mode, transpile-only (the `typecheck` target runs tsc).
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  // Resolve @clearprop/* to their TypeScript sources (the exports' "@clearprop/source" condition): tests need no build.
  testEnvironmentOptions: { customExportConditions: ['node', 'node-addons', '@clearprop/source'] },
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { useESM: true, tsconfig: { isolatedModules: true, jsx: 'react-jsx', allowImportingTsExtensions: true, verbatimModuleSyntax: false } }],
  },
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/src/**/*.test.tsx', '<rootDir>/test/**/*.test.ts', '<rootDir>/test/**/*.test.tsx'],
};
