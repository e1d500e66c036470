import { TextInput } from '../../components/Field';

/** The name and email every new person is added with (staff invitations, new clients). */
export function NameEmailFields(props: {
  name: string;
  email: string;
  onName: (name: string) => void;
  onEmail: (email: string) => void;
}) {
  return (
    <>
      <TextInput
        label="Name"
        required
        value={props.name}
        onChange={(event) => props.onName(event.target.value)}
        data-autofocus
      />
      <TextInput
        label="Email"
        type="email"
        required
        value={props.email}
        onChange={(event) => props.onEmail(event.target.value)}
      />
    </>
  );
}
